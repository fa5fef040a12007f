{#-
    Every statement `agg_reconciled_metric` reconciles, with the figure it belongs to
    (`fact_metric.reconciled_metric_id`) and its rank among that figure's statements.
    The rules (which statements, the grain, which statement is the agreed one) are in
    `agg_reconciled_metric`'s header; this model holds them once for the aggregate and
    for `rpt_figure_agreement`.

    - agreement_rank: 1 for the statement whose value is agreed, then the others in
      the order the rules prefer them.
    - reconciled_in: the dbt invocation that last reconciled the figure; the models
      built on this one rebuild exactly the figures reconciled in their invocation.

    Incremental by figure (`macros/incremental/figures.sql`): a build reconciles again
    only the figures a new, changed or removed statement belongs to, or whose subject's
    name or zone, or a statement's date, changed.
-#}
{{
    config(
        materialized='incremental',
        on_schema_change='fail',
        pre_hook="{{ forget_figures() }}"
    )
}}
-- depends_on: {{ ref('stg_pages') }}

with

statements as (

    select * from {{ ref('fact_metric') }}
    where {{ figures_to_reconcile() }}

),

articles as (

    select * from {{ ref('dim_article') }}

),

parks as (

    select * from {{ ref('dim_park') }}

),

companies as (

    select * from {{ ref('dim_company') }}

),

metrics as (

    select * from {{ ref('dim_metric') }}

),

subject_statements as (

    select
        statements.reconciled_metric_id,
        statements.metric_fact_id,
        statements.article_id,
        statements.subject_type,
        case
            when statements.subject_type = 'park' then statements.park_id
            else companies.park_id
        end as park_id,
        case
            when statements.subject_type = 'company' then statements.company_id
        end as company_id,
        case
            when statements.subject_type = 'park' then statements.park_id
            else statements.company_id
        end as subject_key,
        case
            when statements.subject_type = 'park' then parks.park_name
            else companies.company_name
        end as subject_name,
        statements.metric_id,
        metrics.metric_code,
        statements.metric_key,
        statements.unit,
        statements.is_growth,
        statements.period_label,
        statements.period_start,
        statements.period_end,
        statements.value,
        statements.qualifier,
        statements.char_start,
        articles.published_on,
        case statements.qualifier
            when 'eq' then 1
            when 'gte' then 2
            when 'gt' then 3
            when 'lt' then 3
            else 4
        end as qualifier_rank,
        length({{ regexp_replace_all('statements.raw_text', "'[^0-9]'", "''") }}) as digit_count,
        case
            when statements.qualifier in ('eq', 'gt', 'gte') then statements.value
            when statements.qualifier = 'approx'
                then statements.value - 0.1 * abs(statements.value)
        end as lower_bound,
        case
            when statements.qualifier in ('eq', 'lt') then statements.value
            when statements.qualifier = 'approx'
                then statements.value + 0.1 * abs(statements.value)
        end as upper_bound
    from statements
    inner join articles
        on statements.article_id = articles.article_id
    inner join metrics
        on statements.metric_id = metrics.metric_id
    left join parks
        on statements.park_id = parks.park_id
    left join companies
        on statements.company_id = companies.company_id
    where statements.reconciled_metric_id is not null

),

-- how many of the figure's statements give each value: an aggregate joined back, not a
-- window, which would sort every statement with all its columns (the most costly step
-- of a first build's reconciliation)
value_counts as (

    select
        reconciled_metric_id,
        value,
        count(*) as value_frequency
    from subject_statements
    group by reconciled_metric_id, value

),

-- the rank of each statement among its figure's, worked out on the columns the order
-- needs and joined back by the statement's key (unique in fact_metric)
recency_ranks as (

    select
        subject_statements.metric_fact_id,
        row_number() over (
            partition by subject_statements.reconciled_metric_id
            order by
                subject_statements.published_on desc nulls last,
                subject_statements.qualifier_rank asc,
                value_counts.value_frequency desc,
                subject_statements.digit_count desc,
                subject_statements.article_id asc,
                subject_statements.char_start asc,
                subject_statements.metric_fact_id asc
        ) as recency_rank
    from subject_statements
    inner join value_counts
        on
            subject_statements.reconciled_metric_id = value_counts.reconciled_metric_id
            and subject_statements.value is not distinct from value_counts.value

),

ranked_statements as (

    select
        subject_statements.*,
        recency_ranks.recency_rank
    from subject_statements
    inner join recency_ranks
        on subject_statements.metric_fact_id = recency_ranks.metric_fact_id

),

final as (

    select
        reconciled_metric_id,
        metric_fact_id,
        article_id,
        subject_type,
        subject_key,
        park_id,
        company_id,
        subject_name,
        metric_id,
        metric_code,
        metric_key,
        unit,
        is_growth,
        period_label,
        period_start,
        period_end,
        value,
        qualifier,
        published_on,
        lower_bound,
        upper_bound,
        cast(recency_rank as integer) as agreement_rank,
        '{{ invocation_id }}' as reconciled_in

    from ranked_statements

)

select * from final
-- stored a subject and a figure at a time, so rebuilding a figure touches one row group
order by subject_type, subject_key, reconciled_metric_id, agreement_rank
