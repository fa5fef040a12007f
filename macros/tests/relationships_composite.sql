{#-
    Fails for every row of the model whose combination of `columns` (all non-null)
    has no row in `to` with the same values in `to_columns` (matched by position).
    Rows with a null in any of `columns` are not checked.
-#}
{% test relationships_composite(model, columns, to, to_columns) %}

{%- if columns | length != to_columns | length -%}
    {{ exceptions.raise_compiler_error(
        "relationships_composite needs as many to_columns as columns"
    ) }}
{%- endif -%}

with
children as (

    select distinct {{ columns | join(', ') }}
    from {{ model }}
    where
        {%- for column in columns %}
            {% if not loop.first %}and {% endif %}{{ column }} is not null
        {%- endfor %}

),

parents as (

    select distinct
        {%- for column in to_columns %}
            {{ column }} as parent_{{ loop.index }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ to }}

),

failures as (

    select children.*
    from children
    left join parents
        on
            {%- for column in columns %}
                {% if not loop.first %}and {% endif -%}
                children.{{ column }} = parents.parent_{{ loop.index }}
            {%- endfor %}
    where parents.parent_1 is null

)

select * from failures

{% endtest %}
