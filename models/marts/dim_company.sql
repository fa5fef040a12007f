with

companies as (

    select * from {{ ref('int_companies') }}

),

final as (

    select
        company_id,
        company_name,
        aliases,
        park_id,
        article_count,
        first_seen_on,
        company_key,
        mention_count,
        last_seen_on

    from companies

)

select * from final
