{#-
    Zones ranked by the investment of the projects signed in a period. The period is
    the latest calendar year in which a project was signed (by event date, else by
    publication date); edit `period` to ask about another one.
-#}
with

projects as (

    select * from {{ ref('fact_project') }}

),

articles as (

    select * from {{ ref('dim_article') }}

),

parks as (

    select * from {{ ref('dim_park') }}

),

signed_projects as (

    select
        projects.park_id,
        projects.project_name,
        projects.investment_cny,
        coalesce(projects.event_date, articles.published_on) as signed_on
    from projects
    inner join articles
        on projects.article_id = articles.article_id
    where
        projects.status = 'signed'
        and projects.park_id is not null

),

period as (

    select
        cast(date_trunc('year', max(signed_on)) as date) as period_start,
        cast(date_trunc('year', max(signed_on)) + interval 1 year - interval 1 day as date)
            as period_end
    from signed_projects

),

per_project as (

    select
        signed_projects.park_id,
        signed_projects.project_name,
        max(signed_projects.investment_cny) as investment_cny
    from signed_projects
    cross join period
    where signed_projects.signed_on between period.period_start and period.period_end
    group by
        signed_projects.park_id,
        signed_projects.project_name

),

final as (

    select
        parks.park_name,
        period.period_start,
        period.period_end,
        count(*) as signed_project_count,
        count(per_project.investment_cny) as projects_with_investment,
        coalesce(sum(per_project.investment_cny), 0) as signed_investment_cny,
        round(coalesce(sum(per_project.investment_cny), 0) / 1e8, 2) as signed_investment_yi_cny
    from per_project
    inner join parks
        on per_project.park_id = parks.park_id
    cross join period
    group by
        parks.park_name,
        period.period_start,
        period.period_end

)

select * from final
order by signed_investment_cny desc, signed_project_count desc, park_name asc
