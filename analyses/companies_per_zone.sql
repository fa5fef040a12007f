-- How many companies the articles place in each zone, and which (most covered first).
with

companies as (

    select * from {{ ref('dim_company') }}

),

parks as (

    select * from {{ ref('dim_park') }}

),

final as (

    select
        parks.park_name,
        parks.province,
        parks.city,
        count(*) as company_count,
        sum(companies.article_count) as company_article_mentions,
        {{ list_agg(
            'companies.company_name',
            order_by='companies.article_count desc, companies.company_name asc'
        ) }} as company_names
    from companies
    inner join parks
        on companies.park_id = parks.park_id
    group by
        parks.park_name,
        parks.province,
        parks.city

)

select * from final
order by company_count desc, park_name asc
