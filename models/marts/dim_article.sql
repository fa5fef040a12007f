with

articles as (

    select * from {{ ref('stg_articles') }}

),

pages as (

    select * from {{ ref('stg_pages') }}

),

final as (

    select
        articles.article_id,
        articles.source_file,
        articles.page_number,
        articles.article_index,
        {{ blank_as_null('articles.title') }} as title,
        {{ blank_as_null('articles.byline') }} as byline,
        pages.published_on,
        pages.published_on_source,
        articles.body,
        cast(length(articles.body) as integer) as char_count,
        articles.page_id

    from articles
    left join pages
        on articles.page_id = pages.page_id

)

select * from final
