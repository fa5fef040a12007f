{#-
    A view: the bodies are landed once (`raw.articles`), and a table here would copy
    them (100 MB at 10 k pages, recompressed at the checkpoint: 2.5 s of a first build,
    and a page's worth on every later one). A page re-landed or re-dated shows here at
    once, so there is nothing to forget or rebuild. The join to the page's date costs
    a reader a few milliseconds at 10 k pages.
-#}
{{ config(materialized='view') }}

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
