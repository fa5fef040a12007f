{#-
    Fails for every row that states a level (not a change rate) whose value is not
    positive: `growth_column or column_name > 0` must hold. A null value fails too.
-#}
{% test positive_unless_growth(model, column_name, growth_column='is_growth') %}

with
failures as (

    select
        {{ growth_column }} as is_change_rate,
        {{ column_name }} as checked_value
    from {{ model }}
    where {{ positive_unless_growth_violation(column_name, growth_column) }}

)

select * from failures

{% endtest %}

{#- True for a row `positive_unless_growth` fails (the one predicate for it and `row_rules`). -#}
{% macro positive_unless_growth_violation(column_name, growth_column='is_growth') -%}
    not coalesce({{ growth_column }} or {{ column_name }} > 0, false)
{%- endmacro %}
