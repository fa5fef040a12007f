{#-
    Fails for every non-null value of `column_name` in which the regular expression
    `pattern` matches (anywhere, unless the pattern anchors it). Nulls pass.
-#}
{% test not_matching_regex(model, column_name, pattern) %}

with
failures as (

    select {{ column_name }} as checked_value
    from {{ model }}
    where regexp_matches({{ column_name }}, '{{ pattern | replace("'", "''") }}')

)

select * from failures

{% endtest %}
