{#-
    Do the sources agree? One row per statement behind a reconciled figure, with the
    figure beside it, so the sentences can be read side by side: what the analysis
    `figure_agreement` shows, stored so that reading it is a scan rather than an unnest
    and three joins over every statement.

    - reading_order: conflicts first, then the figures stated most often, then by
      subject, metric, period and figure; within a figure the larger values first.
-#}
with

statements as (

    select * from {{ ref('int_reconciled_statements') }}

),

figures as (

    select * from {{ ref('agg_reconciled_metric') }}

),

facts as (

    select * from {{ ref('fact_metric') }}

),

articles as (

    select * from {{ ref('dim_article') }}

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
        facts.metric_raw,
        statements.raw_text,
        articles.published_on,
        articles.source_file,
        statements.evidence,
        figures.reconciled_metric_id,
        statements.metric_fact_id,
        cast(row_number() over (
            order by
                figures.is_conflict desc,
                figures.statement_count desc,
                figures.subject_name asc,
                figures.metric_code asc,
                figures.period_label asc,
                figures.reconciled_metric_id asc,
                statements.value desc,
                statements.metric_fact_id asc
        ) as integer) as reading_order,
        statements.agreement_rank
    from statements
    inner join figures
        on statements.reconciled_metric_id = figures.reconciled_metric_id
    inner join facts
        on statements.metric_fact_id = facts.metric_fact_id
    inner join articles
        on statements.article_id = articles.article_id

)

select * from final
