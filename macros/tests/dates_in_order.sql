{#-
    Fails for every row where both dates are known and `start_column` is after
    `end_column`. Rows with a null in either pass (an open period).
-#}
{% test dates_in_order(model, start_column, end_column) %}

with
failures as (

    select
        {{ start_column }} as start_date,
        {{ end_column }} as end_date
    from {{ model }}
    where
        {{ start_column }} is not null
        and {{ end_column }} is not null
        and {{ start_column }} > {{ end_column }}

)

select * from failures

{% endtest %}
