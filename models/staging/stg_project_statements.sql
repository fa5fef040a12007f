with

source as (

    select * from {{ source('raw', 'project_statements') }}

),

renamed as (

    select
        -- ids
        cast(page_id as varchar) as page_id,
        cast(article_id as varchar) as article_id,

        -- project
        cast(project_name as varchar) as project_name,
        cast(name_start as integer) as name_start,
        cast(name_end as integer) as name_end,
        cast(status as varchar) as status,
        cast(event_date as date) as event_date,

        -- investment
        cast(investment_cny as double) as investment_cny,
        cast(investment_usd as double) as investment_usd,
        cast(investment_qualifier as varchar) as investment_qualifier,

        -- who and where, as extracted
        cast(company_name as varchar) as company_name,
        cast(park_name as varchar) as park_name,

        -- evidence span
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end,
        cast(evidence as varchar) as evidence

    from source

)

select * from renamed
