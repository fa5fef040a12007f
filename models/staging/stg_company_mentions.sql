with

source as (

    select * from {{ source('raw', 'company_mentions') }}

),

renamed as (

    select
        -- ids
        cast(page_id as varchar) as page_id,
        cast(article_id as varchar) as article_id,

        -- span
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end,
        cast(mention_text as varchar) as mention_text,

        -- company
        cast(company_name as varchar) as company_name,
        cast(mention_kind as varchar) as mention_kind,
        cast(park_name as varchar) as park_name

    from source

)

select * from renamed
