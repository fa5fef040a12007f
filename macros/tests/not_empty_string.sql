{#-
    Fails for every value that is empty or only whitespace, including Unicode
    separators such as the ideographic space U+3000. Nulls are left to not_null.
-#}
{% test not_empty_string(model, column_name) %}

with
failures as (

    select {{ column_name }} as checked_value
    from {{ model }}
    where regexp_full_match({{ column_name }}, '[\s\p{Z}]*')

)

select * from failures

{% endtest %}
