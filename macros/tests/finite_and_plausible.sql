{#-
    Fails for every row whose `column_name` is not a finite number within
    +/- `max_abs` (default: the project var `max_plausible_value`, the bound the
    loaders' number reader also applies). Infinity fails the range check; NaN fails
    it too (DuckDB orders NaN above every number) and, on engines where NaN is not
    equal to itself, the self-comparison. Nulls pass: use not_null for those.
    Selects whole rows, so a failure can be traced to its article and page.
-#}
{% test finite_and_plausible(model, column_name, max_abs=none) %}

with
failures as (

    select *
    from {{ model }}
    where {{ finite_and_plausible_violation(column_name, max_abs) }}

)

select * from failures

{% endtest %}

{#- True for a row `finite_and_plausible` fails (the one predicate for it and `row_rules`). -#}
{% macro finite_and_plausible_violation(column_name, max_abs=none) -%}
    {%- set bound = max_abs if max_abs is not none else var('max_plausible_value') -%}
    ({{ column_name }} is not null and (
        not ({{ column_name }} between -{{ bound }} and {{ bound }})
        or {{ column_name }} <> {{ column_name }}
    ))
{%- endmacro %}
