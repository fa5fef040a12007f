-- Do the sources agree? Every reconciled figure with the statements behind it, one row per
-- statement, so the sentences can be read side by side: conflicts (statements that disagree
-- beyond rounding, agg_reconciled_metric.is_conflict) first, then figures stated most often.
with

reconciled as (

    select * from {{ ref('agg_reconciled_metric') }}

),

statements as (

    select * from {{ ref('fact_metric') }}

),

articles as (

    select * from {{ ref('dim_article') }}

),

figures as (

    select
        reconciled_metric_id,
        is_conflict,
        statement_count,
        subject_name,
        metric_code,
        period_label,
        unit,
        is_growth,
        agreed_value,
        min_value,
        max_value,
        unnest(metric_fact_ids) as metric_fact_id
    from reconciled

),

final as (

    select
        figures.is_conflict,
        figures.statement_count,
        figures.subject_name,
        figures.metric_code,
        figures.period_label,
        figures.unit,
        figures.is_growth,
        figures.agreed_value,
        figures.min_value,
        figures.max_value,
        statements.value,
        statements.qualifier,
        statements.metric_raw,
        statements.raw_text,
        articles.published_on,
        articles.source_file,
        statements.evidence,
        figures.reconciled_metric_id,
        statements.metric_fact_id
    from figures
    inner join statements
        on figures.metric_fact_id = statements.metric_fact_id
    inner join articles
        on statements.article_id = articles.article_id

)

select * from final
order by
    is_conflict desc,
    statement_count desc,
    subject_name asc,
    metric_code asc,
    period_label asc,
    reconciled_metric_id asc,
    value desc,
    metric_fact_id asc
