{#-
    Incremental models keyed by reconciled figure (`reconciled_metric_id`).

    `int_reconciled_statements` reconciles a figure from all its statements, so a
    build must reconcile again every figure that:

    - has a statement on a page landed since the last build (new, replaced, re-parsed);
    - lost a statement, or gained one, or has one that now belongs to another figure
      (a removed page, a statement whose zone or company now resolves differently);
    - is about a zone or company whose name or zone changed, or has a statement whose
      article's date changed.

    `forget_figures` (its pre-hook) deletes those figures' rows; `figures_to_reconcile`
    (in its SQL) then selects the statements of every figure that has a statement
    without a row in it: exactly those figures, and new ones.

    The models built on it (`agg_reconciled_metric`, `rpt_figure_agreement`) rebuild
    the figures reconciled in their own dbt invocation (`figures_reconciled_now`) and
    drop the figures that are gone (`forget_reconciled_figures`).
-#}

{% macro forget_figures() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where reconciled_metric_id in (
            select facts.reconciled_metric_id
            from {{ ref('fact_metric') }} as facts
            inner join {{ ref('stg_pages') }} as pages
                on facts.page_id = pages.page_id
            where pages.built_at is null

            union

            select reconciled.reconciled_metric_id
            from {{ this }} as reconciled
            left join {{ ref('fact_metric') }} as facts
                on reconciled.metric_fact_id = facts.metric_fact_id
            where facts.reconciled_metric_id is distinct from reconciled.reconciled_metric_id

            union

            select facts.reconciled_metric_id
            from {{ ref('fact_metric') }} as facts
            left join {{ this }} as reconciled
                on
                    facts.metric_fact_id = reconciled.metric_fact_id
                    and facts.reconciled_metric_id = reconciled.reconciled_metric_id
            where facts.reconciled_metric_id is not null and reconciled.metric_fact_id is null

            union

            select reconciled.reconciled_metric_id
            from {{ this }} as reconciled
            left join {{ ref('dim_article') }} as articles
                on reconciled.article_id = articles.article_id
            left join {{ ref('dim_park') }} as parks
                on reconciled.subject_type = 'park' and reconciled.subject_key = parks.park_id
            left join {{ ref('dim_company') }} as companies
                on reconciled.subject_type = 'company' and reconciled.subject_key = companies.company_id
            where
                reconciled.published_on is distinct from articles.published_on
                or reconciled.subject_name is distinct from coalesce(parks.park_name, companies.company_name)
                or (
                    reconciled.subject_type = 'company'
                    and reconciled.park_id is distinct from companies.park_id
                )
        )
    {%- endif -%}
{%- endmacro %}

{% macro figures_to_reconcile() -%}
    {%- if is_incremental() -%}
        reconciled_metric_id in (
            select facts.reconciled_metric_id
            from {{ ref('fact_metric') }} as facts
            left join {{ this }} as reconciled
                on facts.metric_fact_id = reconciled.metric_fact_id
            where facts.reconciled_metric_id is not null and reconciled.metric_fact_id is null
        )
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- For models built on int_reconciled_statements: the figures it reconciled in this invocation. -#}
{% macro figures_reconciled_now(figure_column='reconciled_metric_id') -%}
    {%- set statements = ref('int_reconciled_statements') -%}
    {%- if is_incremental() -%}
        {{ figure_column }} in (
            select reconciled.reconciled_metric_id
            from {{ statements }} as reconciled
            where reconciled.reconciled_in = '{{ invocation_id }}'
        )
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{% macro forget_reconciled_figures() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where
            reconciled_metric_id not in (
                select reconciled.reconciled_metric_id from {{ ref('int_reconciled_statements') }} as reconciled
            )
            or reconciled_metric_id in (
                select reconciled.reconciled_metric_id
                from {{ ref('int_reconciled_statements') }} as reconciled
                where reconciled.reconciled_in = '{{ invocation_id }}'
            )
    {%- endif -%}
{%- endmacro %}
