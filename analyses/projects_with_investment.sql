-- Projects that state an investment, with their zone, status, investor and source.
with

projects as (

    select * from {{ ref('fact_project') }}

),

parks as (

    select * from {{ ref('dim_park') }}

),

companies as (

    select * from {{ ref('dim_company') }}

),

articles as (

    select * from {{ ref('dim_article') }}

),

final as (

    select
        projects.project_name,
        parks.park_name,
        projects.status,
        projects.investment_cny,
        round(projects.investment_cny / 1e8, 2) as investment_yi_cny,
        projects.investment_usd,
        projects.investment_qualifier,
        companies.company_name as investor_name,
        projects.event_date,
        articles.published_on,
        articles.source_file,
        projects.evidence,
        projects.project_fact_id
    from projects
    left join parks
        on projects.park_id = parks.park_id
    left join companies
        on projects.company_id = companies.company_id
    inner join articles
        on projects.article_id = articles.article_id
    where
        projects.investment_cny is not null
        or projects.investment_usd is not null

)

select * from final
order by investment_cny desc nulls last, investment_usd desc nulls last, project_fact_id asc
