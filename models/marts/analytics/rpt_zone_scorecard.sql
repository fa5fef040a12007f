{#-
    One row per zone and year, wide, for BI tools.

    - year (`calendar_year` inside, `year` in the mart): of a reconciled figure,
      the year of `period_start`, or of its latest statement's `published_on` when
      the period is unknown or cumulative; of a metric statement the same with its
      own `published_on`; of a project statement the year of `event_date`, else of
      `published_on`; of an article the year of `published_on`. Whatever has no
      year is left out.
    - key indicators: the agreed value (`agg_reconciled_metric`) of the zone's
      levels (not change rates) in a unit of the metric's kind (currency: CNY,
      else USD; percent: percent; count: a measure word); when the year holds
      several, the one whose period ends last (a full year over its first three
      quarters), then the longest period, then the latest published.
    - projects: counted by distinct project name; the investment of a project is
      the largest CNY figure stated for it in the year (per status for the
      status columns), so a project stated twice is not counted twice.
-#}
with

reconciled as (

    select * from {{ ref('agg_reconciled_metric') }}

),

statements as (

    select * from {{ ref('fact_metric') }}

),

projects as (

    select * from {{ ref('fact_project') }}

),

mentions as (

    select * from {{ ref('fact_mention') }}

),

articles as (

    select * from {{ ref('dim_article') }}

),

parks as (

    select * from {{ ref('dim_park') }}

),

metrics as (

    select * from {{ ref('dim_metric') }}

),

zone_figures as (

    select
        reconciled.park_id,
        cast(
            coalesce(year(reconciled.period_start), year(reconciled.latest_published_on))
            as integer
        ) as calendar_year,
        reconciled.metric_code,
        reconciled.agreed_value,
        reconciled.unit,
        row_number() over (
            partition by
                reconciled.park_id,
                coalesce(year(reconciled.period_start), year(reconciled.latest_published_on)),
                reconciled.metric_code
            order by
                case when reconciled.unit = 'USD' then 1 else 0 end asc,
                reconciled.period_end desc nulls last,
                reconciled.period_start asc nulls last,
                reconciled.latest_published_on desc nulls last,
                reconciled.reconciled_metric_id asc
        ) as figure_rank
    from reconciled
    inner join metrics
        on reconciled.metric_id = metrics.metric_id
    where
        reconciled.subject_type = 'park'
        and not reconciled.is_growth
        and reconciled.metric_code in (
            'gdp',
            'industrial_output',
            'revenue',
            'import_export',
            'enterprise_count',
            'high_tech_enterprise_count',
            'talent_count',
            'patent_count',
            'rd_intensity'
        )
        and case metrics.unit_kind
            when 'currency' then reconciled.unit in ('CNY', 'USD')
            when 'percent' then reconciled.unit = 'percent'
            when 'count' then reconciled.unit not in ('CNY', 'USD', 'percent', '个百分点')
            else true
        end
        and coalesce(year(reconciled.period_start), year(reconciled.latest_published_on))
        is not null

),

key_indicators as (

    select
        park_id,
        calendar_year,
        max(case when metric_code = 'gdp' then agreed_value end) as gdp,
        max(case when metric_code = 'gdp' then unit end) as gdp_unit,
        max(case when metric_code = 'industrial_output' then agreed_value end)
            as industrial_output,
        max(case when metric_code = 'industrial_output' then unit end)
            as industrial_output_unit,
        max(case when metric_code = 'revenue' then agreed_value end) as revenue,
        max(case when metric_code = 'revenue' then unit end) as revenue_unit,
        max(case when metric_code = 'import_export' then agreed_value end) as import_export,
        max(case when metric_code = 'import_export' then unit end) as import_export_unit,
        max(case when metric_code = 'enterprise_count' then agreed_value end)
            as enterprise_count,
        max(case when metric_code = 'enterprise_count' then unit end)
            as enterprise_count_unit,
        max(case when metric_code = 'high_tech_enterprise_count' then agreed_value end)
            as high_tech_enterprise_count,
        max(case when metric_code = 'high_tech_enterprise_count' then unit end)
            as high_tech_enterprise_count_unit,
        max(case when metric_code = 'talent_count' then agreed_value end) as talent_count,
        max(case when metric_code = 'talent_count' then unit end) as talent_count_unit,
        max(case when metric_code = 'patent_count' then agreed_value end) as patent_count,
        max(case when metric_code = 'patent_count' then unit end) as patent_count_unit,
        max(case when metric_code = 'rd_intensity' then agreed_value end) as rd_intensity
    from zone_figures
    where figure_rank = 1
    group by
        park_id,
        calendar_year

),

zone_statements as (

    select
        statements.park_id,
        cast(coalesce(year(statements.period_start), year(articles.published_on)) as integer)
            as calendar_year,
        cast(count(*) as integer) as metric_statement_count
    from statements
    inner join articles
        on statements.article_id = articles.article_id
    where
        statements.subject_type = 'park'
        and statements.park_id is not null
        and coalesce(year(statements.period_start), year(articles.published_on)) is not null
    group by
        statements.park_id,
        coalesce(year(statements.period_start), year(articles.published_on))

),

project_statuses as (

    select
        projects.park_id,
        cast(year(coalesce(projects.event_date, articles.published_on)) as integer)
            as calendar_year,
        projects.project_name,
        projects.status,
        max(projects.investment_cny) as investment_cny
    from projects
    inner join articles
        on projects.article_id = articles.article_id
    where
        projects.park_id is not null
        and coalesce(projects.event_date, articles.published_on) is not null
    group by
        projects.park_id,
        year(coalesce(projects.event_date, articles.published_on)),
        projects.project_name,
        projects.status

),

project_investments as (

    select
        park_id,
        calendar_year,
        project_name,
        max(investment_cny) as investment_cny
    from project_statuses
    group by
        park_id,
        calendar_year,
        project_name

),

zone_project_investments as (

    select
        park_id,
        calendar_year,
        sum(investment_cny) as total_investment_cny
    from project_investments
    group by
        park_id,
        calendar_year

),

zone_projects as (

    select
        park_id,
        calendar_year,
        cast(count(distinct project_name) as integer) as project_count,
        cast(count(distinct case when status = 'signed' then project_name end) as integer)
            as signed_project_count,
        cast(count(distinct case when status = 'started' then project_name end) as integer)
            as started_project_count,
        cast(
            count(distinct case when status = 'under_construction' then project_name end)
            as integer
        ) as under_construction_project_count,
        cast(count(distinct case when status = 'in_production' then project_name end) as integer)
            as in_production_project_count,
        cast(count(distinct case when status = 'in_operation' then project_name end) as integer)
            as in_operation_project_count,
        cast(count(distinct case when status = 'completed' then project_name end) as integer)
            as completed_project_count,
        cast(count(distinct case when status = 'planned' then project_name end) as integer)
            as planned_project_count,
        cast(count(distinct case when status = 'approved' then project_name end) as integer)
            as approved_project_count,
        sum(case when status = 'signed' then investment_cny end) as signed_investment_cny,
        sum(case when status = 'started' then investment_cny end) as started_investment_cny
    from project_statuses
    group by
        park_id,
        calendar_year

),

zone_articles as (

    select
        mentions.entity_id as park_id,
        cast(year(articles.published_on) as integer) as calendar_year,
        cast(count(distinct mentions.article_id) as integer) as article_count
    from mentions
    inner join articles
        on mentions.article_id = articles.article_id
    where
        mentions.entity_type = 'park'
        and articles.published_on is not null
    group by
        mentions.entity_id,
        year(articles.published_on)

),

zone_years as (

    select
        park_id,
        calendar_year
    from key_indicators
    union
    select
        park_id,
        calendar_year
    from zone_statements
    union
    select
        park_id,
        calendar_year
    from zone_projects
    union
    select
        park_id,
        calendar_year
    from zone_articles

),

final as (

    select
        zone_years.park_id,
        parks.park_name,
        zone_years.calendar_year as year,  -- noqa: RF04
        key_indicators.gdp,
        key_indicators.gdp_unit,
        key_indicators.industrial_output,
        key_indicators.industrial_output_unit,
        key_indicators.revenue,
        key_indicators.revenue_unit,
        key_indicators.import_export,
        key_indicators.import_export_unit,
        key_indicators.enterprise_count,
        key_indicators.enterprise_count_unit,
        key_indicators.high_tech_enterprise_count,
        key_indicators.high_tech_enterprise_count_unit,
        key_indicators.talent_count,
        key_indicators.talent_count_unit,
        key_indicators.patent_count,
        key_indicators.patent_count_unit,
        key_indicators.rd_intensity,
        coalesce(zone_statements.metric_statement_count, 0) as metric_statement_count,
        coalesce(zone_projects.project_count, 0) as project_count,
        coalesce(zone_projects.signed_project_count, 0) as signed_project_count,
        coalesce(zone_projects.started_project_count, 0) as started_project_count,
        coalesce(zone_projects.under_construction_project_count, 0)
            as under_construction_project_count,
        coalesce(zone_projects.in_production_project_count, 0) as in_production_project_count,
        coalesce(zone_projects.in_operation_project_count, 0) as in_operation_project_count,
        coalesce(zone_projects.completed_project_count, 0) as completed_project_count,
        coalesce(zone_projects.planned_project_count, 0) as planned_project_count,
        coalesce(zone_projects.approved_project_count, 0) as approved_project_count,
        zone_projects.signed_investment_cny,
        zone_projects.started_investment_cny,
        zone_project_investments.total_investment_cny,
        coalesce(zone_articles.article_count, 0) as article_count

    from zone_years
    inner join parks
        on zone_years.park_id = parks.park_id
    left join key_indicators
        on
            zone_years.park_id = key_indicators.park_id
            and zone_years.calendar_year = key_indicators.calendar_year
    left join zone_statements
        on
            zone_years.park_id = zone_statements.park_id
            and zone_years.calendar_year = zone_statements.calendar_year
    left join zone_projects
        on
            zone_years.park_id = zone_projects.park_id
            and zone_years.calendar_year = zone_projects.calendar_year
    left join zone_project_investments
        on
            zone_years.park_id = zone_project_investments.park_id
            and zone_years.calendar_year = zone_project_investments.calendar_year
    left join zone_articles
        on
            zone_years.park_id = zone_articles.park_id
            and zone_years.calendar_year = zone_articles.calendar_year

)

select * from final
