{#- Fails for every row where `expression` is not true (false or null). -#}
{% test expression_is_true(model, expression, column_name=none) %}

with
failures as (

    select *
    from {{ model }}
    where not coalesce(
        {% if column_name is not none %}{{ column_name }} {% endif %}{{ expression }},
        false
    )

)

select * from failures

{% endtest %}
