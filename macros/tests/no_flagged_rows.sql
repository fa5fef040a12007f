{#-
    Fails (or, with `severity: warn`, warns) once for every row whose boolean
    `column_name` is true, returning that row's `show_columns` (all columns when
    none are given) so the output lists the flagged rows. Nulls pass.
-#}
{% test no_flagged_rows(model, column_name, show_columns=none) %}

with
flagged as (

    select
        {%- if show_columns %}
            {%- for column in show_columns %}
                {{ column }}{% if not loop.last %},{% endif %}
            {%- endfor %}
        {%- else %}
            *
        {%- endif %}
    from {{ model }}
    where {{ column_name }}

)

select * from flagged

{% endtest %}
