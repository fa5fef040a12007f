with

source as (

    select * from {{ source('raw', 'articles') }}

),

renamed as (

    select
        -- ids
        cast(article_id as varchar) as article_id,
        cast(page_id as varchar) as page_id,

        -- position
        cast(source_file as varchar) as source_file,
        cast(page_number as integer) as page_number,
        cast(article_index as integer) as article_index,

        -- text
        cast(title as varchar) as title,
        cast(byline as varchar) as byline,
        cast(body as varchar) as body

    from source

)

select * from renamed
