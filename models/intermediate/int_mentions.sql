{#-
    Every mention of a zone or a company in an article, with the id of what it names:
    the zone mentions (`int_park_mentions_resolved`) and company mentions
    (`int_company_mentions_resolved`) in one shape. `mention_id` is the short id of the
    article, the entity type and the span.
-#}
with

park_mentions as (

    select * from {{ ref('int_park_mentions_resolved') }}

),

company_mentions as (

    select * from {{ ref('int_company_mentions_resolved') }}

),

mentions as (

    select
        page_id,
        article_id,
        'park' as entity_type,
        park_id as entity_id,
        mention_text,
        char_start,
        char_end,
        case when is_reference then 'reference' else 'name' end as mention_kind
    from park_mentions

    union all

    select
        page_id,
        article_id,
        'company' as entity_type,
        company_id as entity_id,
        mention_text,
        char_start,
        char_end,
        mention_kind
    from company_mentions

),

final as (

    select
        {{ short_id(['article_id', 'entity_type', 'char_start', 'char_end']) }} as mention_id,
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
