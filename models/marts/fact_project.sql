with

statements as (

    select * from {{ ref('int_project_statements_resolved') }}

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
