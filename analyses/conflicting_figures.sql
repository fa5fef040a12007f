-- Figures whose statements disagree beyond rounding (agg_reconciled_metric.is_conflict),
-- one row per statement, so the sentences can be read side by side.
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

conflicts as (

    select
        reconciled_metric_id,
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
    where is_conflict

),

final as (

    select
        conflicts.subject_name,
        conflicts.metric_code,
        conflicts.period_label,
        conflicts.unit,
        conflicts.is_growth,
        conflicts.agreed_value,
        conflicts.min_value,
        conflicts.max_value,
        statements.value,
        statements.qualifier,
        statements.metric_raw,
        statements.raw_text,
        articles.published_on,
        articles.source_file,
        statements.evidence,
        conflicts.reconciled_metric_id,
        statements.metric_fact_id
    from conflicts
    inner join statements
        on conflicts.metric_fact_id = statements.metric_fact_id
    inner join articles
        on statements.article_id = articles.article_id

)

select * from final
order by
    subject_name asc,
    metric_code asc,
    period_label asc,
    reconciled_metric_id asc,
    value desc,
    metric_fact_id asc
