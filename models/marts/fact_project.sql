{#-
    Incremental by page (`macros/incremental/pages.sql`): a build adds the project
    statements of the pages landed since the last one, and rebuilds a page whose
    statements now resolve to another zone or company.
-#}
{{
    config(
        materialized='incremental',
        on_schema_change='fail',
        pre_hook="{{ forget_pages(stale_pages(
            ref('int_project_statements_resolved'), 'project_fact_id', ['park_id', 'company_id']
        )) }}"
    )
}}

with

statements as (

    select * from {{ ref('int_project_statements_resolved') }}
    where {{ pages_to_build() }}

),

final as (

    select
        project_fact_id,
        article_id,
        park_id,
        company_id,
        project_name,
        status,
        investment_cny,
        investment_usd,
        investment_qualifier,
        event_date,
        evidence,
        char_start,
        char_end,
        name_start,
        name_end,
        page_id

    from statements

)

select * from final
-- stored a page at a time, so deleting a page's rows touches one row group, not all
order by page_id, article_id, char_start, project_fact_id
