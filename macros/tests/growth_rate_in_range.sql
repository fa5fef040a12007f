{#-
    Fails for every change rate given in percent (`growth_column` true and
    `unit_column` = `percent_unit`) whose value lies outside [min_value, max_value]
    or is null: a fall cannot exceed 100 %, and a rise beyond the maximum is a
    misread number. Other rows are not checked. The other arguments (growth_column,
    unit_column, percent_unit, min_value, max_value) and their defaults are those of
    `growth_rate_in_range_violation`, which this test passes them to.
-#}
{% test growth_rate_in_range(model, column_name) %}

with
failures as (

    select {{ column_name }} as growth_rate
    from {{ model }}
    where {{ growth_rate_in_range_violation(column_name, **kwargs) }}

)

select * from failures

{% endtest %}

{#- True for a row `growth_rate_in_range` fails (the one predicate for it and `row_rules`). -#}
{% macro growth_rate_in_range_violation(
    column_name,
    growth_column='is_growth',
    unit_column='unit',
    percent_unit='percent',
    min_value=-100,
    max_value=10000
) -%}
    ({{ growth_column }} and {{ unit_column }} = '{{ percent_unit }}' and (
        {{ column_name }} is null
        or {{ column_name }} < {{ min_value }}
        or {{ column_name }} > {{ max_value }}
    ))
{%- endmacro %}
