{#-
    Fails for every value that is empty or only whitespace, including Unicode
    separators such as the ideographic space U+3000. Nulls are left to not_null.
-#}
{% test not_empty_string(model, column_name) %}

with
failures as (

    select {{ column_name }} as checked_value
    from {{ model }}
    where {{ not_empty_string_violation(column_name) }}

)

select * from failures

{% endtest %}

{#- True for a row `not_empty_string` fails (the one predicate for it and `row_rules`). -#}
{% macro not_empty_string_violation(column_name) -%}
    regexp_full_match({{ column_name }}, '[\s\p{Z}]*')
{%- endmacro %}
