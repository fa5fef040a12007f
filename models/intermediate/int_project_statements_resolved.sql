{#-
    Every project statement, resolved to the star schema's keys.

    - park_id: the raw `park_name` read through the zone names of the same article
      (`int_article_park_names`); null when the article has no such zone mention.
    - company_id: the raw `company_name` (the investor or builder) read through the
      company names of the same article (`int_article_company_names`); null when it
      is not a known company.
    - project_fact_id: the first 16 hex digits of the md5 of article, evidence start
      and project name; should the extractor state one project twice at one place,
      the first row (by name span, status) is kept, so the id stays a key.
-#}
with

statements as (

    select * from {{ ref('stg_project_statements') }}

),

article_park_names as (

    select * from {{ ref('int_article_park_names') }}

),

article_company_names as (

    select * from {{ ref('int_article_company_names') }}

),

keyed as (

    select
        {{ short_id([
            'statements.article_id',
            'statements.char_start',
            'statements.project_name',
        ]) }} as project_fact_id,
        statements.*
    from statements

),

deduplicated as (

    select
        *,
        row_number() over (
            -- the page adds nothing to the key; it lets a filter on pages reach the source
            partition by page_id, project_fact_id
            order by name_start, name_end, status
        ) as statement_rank
    from keyed

),

final as (

    select
        deduplicated.project_fact_id,
        deduplicated.page_id,
        deduplicated.article_id,
        article_park_names.park_id,
        article_company_names.company_id,
        deduplicated.project_name,
        deduplicated.status,
        deduplicated.investment_cny,
        deduplicated.investment_usd,
        deduplicated.investment_qualifier,
        deduplicated.event_date,
        deduplicated.evidence,
        deduplicated.char_start,
        deduplicated.char_end,
        deduplicated.name_start,
        deduplicated.name_end,
        deduplicated.park_name as extracted_park_name,
        deduplicated.company_name as extracted_company_name
    from deduplicated
    left join article_park_names
        on
            deduplicated.article_id = article_park_names.article_id
            and deduplicated.park_name = article_park_names.park_name
    left join article_company_names
        on
            deduplicated.article_id = article_company_names.article_id
            and deduplicated.company_name = article_company_names.name_in_article
    where deduplicated.statement_rank = 1

)

select * from final
