{#-
    Incremental by page (`macros/incremental/pages.sql`): a build adds the statements of
    the pages landed since the last one, and rebuilds a page whose statements now resolve
    to another zone, company or canonical name.
-#}
{{
    config(
        materialized='incremental',
        on_schema_change='fail',
        pre_hook="{{ forget_pages(stale_pages(
            ref('int_metric_statements_resolved'),
            'metric_fact_id',
            ['park_id', 'company_id', 'subject_name', 'metric_id', 'published_on']
        )) }}"
    )
}}

with

statements as (

    select * from {{ ref('int_metric_statements_resolved') }}
    where {{ pages_to_build() }}

),

final as (

    select
        metric_fact_id,
        article_id,
        park_id,
        company_id,
        subject_type,
        subject_name,
        metric_id,
        metric_raw,
        value,
        unit,
        qualifier,
        is_growth,
        period_label,
        period_start,
        period_end,
        raw_text,
        evidence,
        char_start,
        char_end,
        metric_code,
        page_id,
        reconciled_metric_id,
        metric_key,
        published_on

    from statements

)

select * from final
-- stored a page at a time, so deleting a page's rows touches one row group, not all
order by page_id, article_id, char_start, metric_fact_id
