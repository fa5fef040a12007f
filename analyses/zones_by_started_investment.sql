{#-
    Zones ranked by the investment of the projects started (开工) in a period: the
    latest calendar year in which a project started (by event date, else by
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

started_projects as (

    select
        projects.park_id,
        projects.project_name,
        projects.investment_cny,
        coalesce(projects.event_date, articles.published_on) as started_on
    from projects
    inner join articles
        on projects.article_id = articles.article_id
    where
        projects.status = 'started'
        and projects.park_id is not null

),

period as (

    select
        cast(date_trunc('year', max(started_on)) as date) as period_start,
        cast(date_trunc('year', max(started_on)) + interval 1 year - interval 1 day as date)
            as period_end
    from started_projects

),

per_project as (

    select
        started_projects.park_id,
        started_projects.project_name,
        max(started_projects.investment_cny) as investment_cny
    from started_projects
    cross join period
    where started_projects.started_on between period.period_start and period.period_end
    group by
        started_projects.park_id,
        started_projects.project_name

),

final as (

    select
        parks.park_name,
        period.period_start,
        period.period_end,
        count(*) as started_project_count,
        count(per_project.investment_cny) as projects_with_investment,
        coalesce(sum(per_project.investment_cny), 0) as started_investment_cny,
        round(coalesce(sum(per_project.investment_cny), 0) / 1e8, 2) as started_investment_yi_cny
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
order by started_investment_cny desc, started_project_count desc, park_name asc
