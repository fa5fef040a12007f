with

parks as (

    select * from {{ ref('int_parks') }}

),

final as (

    select
        park_id,
        park_name,
        park_full_name,
        park_type,
        park_level,
        province,
        city,
        aliases,
        on_national_list,
        article_count,
        first_seen_on,
        last_seen_on,
        park_key,
        mention_count

    from parks

)

select * from final
