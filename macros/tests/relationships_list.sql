{#-
    The `relationships` test for a list column: fails for every element of
    `column_name` (a list, e.g. varchar[]) that no row of `to` has in `field`.
    Null lists and null elements pass.
-#}
{% test relationships_list(model, column_name, to, field) %}

with
elements as (

    select distinct unnest({{ column_name }}) as element
    from {{ model }}
    where {{ column_name }} is not null

),

parents as (

    select distinct {{ field }} as parent_value
    from {{ to }}

),

failures as (

    select elements.element
    from elements
    left join parents
        on elements.element = parents.parent_value
    where
        elements.element is not null
        and parents.parent_value is null

)

select * from failures

{% endtest %}
