{#-
    Fails once for every element that occurs more than once across the lists of
    `column_name` (in one row's list or in several rows' lists): every element
    belongs to one row only. Null elements are not checked.
-#}
{% test unique_list_elements(model, column_name) %}

with
elements as (

    select unnest({{ column_name }}) as element
    from {{ model }}
    where {{ column_name }} is not null

),

duplicates as (

    select
        element,
        count(*) as n_rows
    from elements
    where element is not null
    group by element
    having count(*) > 1

)

select * from duplicates

{% endtest %}
