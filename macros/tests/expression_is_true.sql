{#- Fails for every row where `expression` is not true (false or null). -#}
{% test expression_is_true(model, expression, column_name=none) %}

with
failures as (

    select *
    from {{ model }}
    where {{ expression_is_true_violation(expression, column_name) }}

)

select * from failures

{% endtest %}

{#- True for a row `expression_is_true` fails (the one predicate for it and `row_rules`). -#}
{% macro expression_is_true_violation(expression, column_name=none) -%}
    not coalesce({% if column_name is not none %}{{ column_name }} {% endif %}{{ expression }}, false)
{%- endmacro %}
