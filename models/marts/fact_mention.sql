with

park_mentions as (

    select * from {{ ref('int_park_mentions_resolved') }}

),

company_mentions as (

    select * from {{ ref('int_company_mentions_resolved') }}

),

mentions as (

    select
        article_id,
        'park' as entity_type,
        park_id as entity_id,
        mention_text,
        char_start,
        char_end,
        case when is_reference then 'reference' else 'name' end as mention_kind,
        page_id
    from park_mentions

    union all

    select
        article_id,
        'company' as entity_type,
        company_id as entity_id,
        mention_text,
        char_start,
        char_end,
        mention_kind,
        page_id
    from company_mentions

),

final as (

    select
        substr(
            md5(concat_ws('|', article_id, entity_type, char_start, char_end)),
            1,
            16
        ) as mention_id,
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
