{#-
    Incremental by page (`macros/incremental/pages.sql`): a build adds the articles of
    the pages landed since the last one (and rebuilds a page whose date changed).
-#}
{{
    config(
        materialized='incremental',
        on_schema_change='fail',
        pre_hook="{{ forget_pages(stale_pages(
            ref('stg_pages'), 'page_id', ['published_on', 'published_on_source']
        )) }}"
    )
}}

with

articles as (

    select * from {{ ref('stg_articles') }}
    where {{ pages_to_build() }}

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
-- stored a page at a time, so deleting a page's rows touches one row group, not all
order by page_id, article_index
