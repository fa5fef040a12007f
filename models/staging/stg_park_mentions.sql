with

source as (

    select * from {{ source('raw', 'park_mentions') }}

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

        -- zone
        cast(park_name as varchar) as park_name,
        cast(suffix as varchar) as zone_suffix,
        cast(says_national as boolean) as says_national,
        cast(is_reference as boolean) as is_reference,
        cast(zone_key as varchar) as zone_key,
        cast(zone_form as varchar) as zone_form

    from source

)

select * from renamed
