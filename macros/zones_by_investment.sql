{#-
    Zones ranked by the investment of the projects with `status` (signed, started ...) in a
    period: the latest calendar year in which such a project has its event (by event date,
    else by publication date). Used by the analyses zones_by_signed_investment and
    zones_by_started_investment.
-#}
{% macro zones_by_investment(status) -%}
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

{{ status }}_projects as (

    select
        projects.park_id,
        projects.project_name,
        projects.investment_cny,
        coalesce(projects.event_date, articles.published_on) as {{ status }}_on
    from projects
    inner join articles
        on projects.article_id = articles.article_id
    where
        projects.status = '{{ status }}'
        and projects.park_id is not null

),

period as (

    select
        cast(date_trunc('year', max({{ status }}_on)) as date) as period_start,
        cast(date_trunc('year', max({{ status }}_on)) + interval 1 year - interval 1 day as date)
            as period_end
    from {{ status }}_projects

),

per_project as (

    select
        {{ status }}_projects.park_id,
        {{ status }}_projects.project_name,
        max({{ status }}_projects.investment_cny) as investment_cny
    from {{ status }}_projects
    cross join period
    where {{ status }}_projects.{{ status }}_on between period.period_start and period.period_end
    group by
        {{ status }}_projects.park_id,
        {{ status }}_projects.project_name

),

final as (

    select
        parks.park_name,
        period.period_start,
        period.period_end,
        count(*) as {{ status }}_project_count,
        count(per_project.investment_cny) as projects_with_investment,
        coalesce(sum(per_project.investment_cny), 0) as {{ status }}_investment_cny,
        round(coalesce(sum(per_project.investment_cny), 0) / 1e8, 2) as {{ status }}_investment_yi_cny
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
order by {{ status }}_investment_cny desc, {{ status }}_project_count desc, park_name asc
{%- endmacro %}
