with

parks as (

    select * from {{ ref('int_parks') }}

),

statements as (

    select * from {{ ref('fact_metric') }}

),

zone_statements as (

    select
        park_id,
        count(*) as metric_statement_count
    from statements
    where subject_type = 'park' and park_id is not null
    group by park_id

),

final as (

    select
        parks.park_id,
        parks.park_name,
        parks.park_full_name,
        parks.park_type,
        parks.park_level,
        parks.province,
        parks.city,
        parks.aliases,
        parks.on_national_list,
        parks.article_count,
        parks.first_seen_on,
        parks.last_seen_on,
        parks.park_key,
        parks.mention_count,
        cast(coalesce(zone_statements.metric_statement_count, 0) as integer)
            as metric_statement_count

    from parks
    left join zone_statements
        on parks.park_id = zone_statements.park_id

)

select * from final
