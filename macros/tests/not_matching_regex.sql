{#-
    Fails for every non-null value of `column_name` in which the regular expression
    `pattern` matches (anywhere, unless the pattern anchors it). Nulls pass.
-#}
{% test not_matching_regex(model, column_name, pattern) %}

with
failures as (

    select {{ column_name }} as checked_value
    from {{ model }}
    where {{ not_matching_regex_violation(column_name, pattern) }}

)

select * from failures

{% endtest %}

{#- True for a row `not_matching_regex` fails (the one predicate for it and `row_rules`). -#}
{% macro not_matching_regex_violation(column_name, pattern) -%}
    regexp_matches({{ column_name }}, '{{ pattern | replace("'", "''") }}')
{%- endmacro %}
