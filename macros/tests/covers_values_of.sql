{#-
    The reverse of `relationships`: fails for every distinct non-null value of
    `to.field` that no row of the model has in `column_name`. Used to check that a
    calendar covers every date another model uses.
-#}
{% test covers_values_of(model, column_name, to, field) %}

with
required as (

    select distinct {{ field }} as required_value
    from {{ to }}
    where {{ field }} is not null

),

present as (

    select distinct {{ column_name }} as present_value
    from {{ model }}

),

failures as (

    select required.required_value
    from required
    left join present
        on required.required_value = present.present_value
    where present.present_value is null

)

select * from failures

{% endtest %}
