{#-
    The zone each extracted zone name stands for in each article: one row per article
    and `park_name` of its zone mentions, with the zone most of those mentions resolve
    to (ties: the smaller park_id). Facts that carry a raw `park_name` resolve through
    it, so a name is read the way the same article's mentions were.
-#}
with

park_mentions as (

    select * from {{ ref('int_park_mentions_resolved') }}

),

name_zones as (

    select
        article_id,
        park_name,
        park_id,
        count(*) as mention_count,
        row_number() over (
            partition by article_id, park_name
            order by count(*) desc, park_id asc
        ) as zone_rank
    from park_mentions
    group by article_id, park_name, park_id

),

final as (

    select
        article_id,
        park_name,
        park_id,
        cast(mention_count as integer) as mention_count
    from name_zones
    where zone_rank = 1

)

select * from final
