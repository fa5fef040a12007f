{#-
    Incremental models keyed by page.

    The loaders land a page with `raw.pages.built_at` null; `gaoxin build` sets it once
    dbt has carried the page into the marts. An incremental model keyed by page then
    works in two steps, both only on an incremental run:

    - `forget_pages` (its pre-hook) deletes the rows of every page that is not built
      (new, replaced or re-parsed: `built_at` null), that is gone (a replaced page's old
      version, a removed page), or whose rows went stale: a row whose resolved columns
      (ids, canonical names) differ from what the upstream model resolves them to now,
      because a new page changed a company's name or key, say;
    - `pages_to_build` (in its SQL) selects only the pages that then have no rows in it.
      The pre-hook lists them in a small temporary table: a list DuckDB can push down
      into the scans under the model's joins and windows, where the same question asked
      inside the model's query (pages not in the model) made it resolve every statement
      of the warehouse first (0.5 s of an added page's build at 10,000 pages).

    So a changed or removed page still removes everything derived from it, and only the
    pages touched since the last build are processed. `--full-refresh` rebuilds all.
-#}

{% macro forget_pages(stale_pages_sql=none) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where
            page_id not in (
                select built_pages.page_id
                from {{ ref('stg_pages') }} as built_pages
                where built_pages.built_at is not null
            )
            {%- if stale_pages_sql %}
            or page_id in ({{ stale_pages_sql }})
            {%- endif %};

        create or replace temporary table {{ pages_to_build_table() }} as
        select pages.page_id
        from {{ ref('stg_pages') }} as pages
        where pages.page_id not in (select built.page_id from {{ this }} as built)
    {%- endif -%}
{%- endmacro %}

{#- The temporary table `forget_pages` lists the model's pages to build in (one per model). -#}
{% macro pages_to_build_table() -%}
    {{ adapter.quote(this.identifier ~ '__pages_to_build') }}
{%- endmacro %}

{#-
    Pages some of whose rows in this model no longer match `current` (the model it is
    built from): a row whose `columns` differ from the current row with the same `key`,
    or that has no current row any more.
-#}
{% macro stale_pages(current, key, columns) -%}
    select built.page_id
    from {{ this }} as built
    left join {{ current }} as current_rows
        on built.{{ key }} = current_rows.{{ key }}
    where
        current_rows.{{ key }} is null
        {%- for column in columns %}
        or built.{{ column }} is distinct from current_rows.{{ column }}
        {%- endfor %}
{%- endmacro %}

{#-
    A filter for the model's source: on an incremental run, only the pages that have no
    rows in the model (after `forget_pages`, which lists them): new, replaced, re-parsed
    and stale pages. An `in` list of a small table, so DuckDB pushes it down to the
    source scan through joins and windows partitioned by page.
-#}
{% macro pages_to_build(page_id_column='page_id') -%}
    {#- outside the branch, so dbt sees the dependency when it parses the model -#}
    {%- set pages = ref('stg_pages') -%}
    {%- if is_incremental() -%}
        {{ page_id_column }} in (select to_build.page_id from {{ pages_to_build_table() }} as to_build)
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
