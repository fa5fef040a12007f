{#-
    Incremental by page (`macros/incremental/pages.sql`): a build adds the mentions of
    the pages landed since the last one, and rebuilds a page whose mentions now resolve
    to another zone or company.
-#}
{{
    config(
        materialized='incremental',
        on_schema_change='fail',
        pre_hook="{{ forget_pages(stale_pages(ref('int_mentions'), 'mention_id', ['entity_id', 'mention_kind'])) }}"
    )
}}

with

mentions as (

    select * from {{ ref('int_mentions') }}
    where {{ pages_to_build() }}

),

final as (

    select
        mention_id,
        article_id,
        entity_type,
        entity_id,
        mention_text,
        char_start,
        char_end,
        mention_kind,
        page_id

    from mentions

)

select * from final
-- stored a page at a time, so deleting a page's rows touches one row group, not all
order by page_id, article_id, char_start, entity_type
