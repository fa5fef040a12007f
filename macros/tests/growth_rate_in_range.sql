{#-
    Fails for every change rate given in percent (`growth_column` true and
    `unit_column` = `percent_unit`) whose value lies outside [min_value, max_value]
    or is null: a fall cannot exceed 100 %, and a rise beyond the maximum is a
    misread number. Other rows are not checked.
-#}
{% test growth_rate_in_range(
    model,
    column_name,
    growth_column='is_growth',
    unit_column='unit',
    percent_unit='percent',
    min_value=-100,
    max_value=10000
) %}

with
growth_rates as (

    select {{ column_name }} as growth_rate
    from {{ model }}
    where
        {{ growth_column }}
        and {{ unit_column }} = '{{ percent_unit }}'

),

failures as (

    select *
    from growth_rates
    where
        growth_rate is null
        or growth_rate < {{ min_value }}
        or growth_rate > {{ max_value }}

)

select * from failures

{% endtest %}
