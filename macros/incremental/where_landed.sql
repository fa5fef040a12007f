{#-
    Tests of the rows a build added. A data test configured with
    `where: __landed_since_last_build__` checks only the rows of pages landed since the
    last build (`raw.pages.built_at` null): on an incremental build the new, replaced
    and re-parsed pages, on a full build (every page is then unbuilt) all of them. For
    row-level checks (a span against its article body) of rows that are kept as they
    were, the earlier build's run of the test still holds. Any other `where` is used
    as written (dbt's own behaviour).
-#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where') -%}
    {%- if where -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ landed_where(where) }}) as dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{#- A test's `where` with `__landed_since_last_build__` spelled out (also used by row_rules). -#}
{% macro landed_where(where) -%}
    {%- if '__landed_since_last_build__' in where -%}
        {%- set pages = api.Relation.create(database=target.database, schema='raw', identifier='pages') -%}
        {%- set landed -%}
            page_id in (select landed.page_id from {{ pages }} as landed where landed.built_at is null)
        {%- endset -%}
        {{- return(where | replace('__landed_since_last_build__', landed)) -}}
    {%- endif -%}
    {{- return(where) -}}
{%- endmacro %}
