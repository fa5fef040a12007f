{#- Fails for every non-null value of `column_name` outside [min_value, max_value]. -#}
{% test accepted_range(
    model,
    column_name,
    min_value=none,
    max_value=none,
    inclusive=true
) %}

with
failures as (

    select {{ column_name }} as checked_value
    from {{ model }}
    where {{ accepted_range_violation(column_name, min_value, max_value, inclusive) }}

)

select * from failures

{% endtest %}

{#- True for a row `accepted_range` fails (the one predicate for it and `row_rules`). -#}
{% macro accepted_range_violation(column_name, min_value=none, max_value=none, inclusive=true) -%}
    {%- if min_value is none and max_value is none -%}
        {{ exceptions.raise_compiler_error("accepted_range needs min_value, max_value or both") }}
    {%- endif -%}
    ({{ column_name }} is not null and (
        false
        {%- if min_value is not none %} or {{ column_name }} {{ '<' if inclusive else '<=' }} {{ min_value }}{% endif %}
        {%- if max_value is not none %} or {{ column_name }} {{ '>' if inclusive else '>=' }} {{ max_value }}{% endif -%}
    ))
{%- endmacro %}
