-- Do the sources agree? Every reconciled figure with the statements behind it, one row per
-- statement, so the sentences can be read side by side: conflicts (statements that disagree
-- beyond rounding, agg_reconciled_metric.is_conflict) first, then figures stated most often.
-- The rows are the mart rpt_figure_agreement's: one scan, then the sort.
with

figure_statements as (

    select * from {{ ref('rpt_figure_agreement') }}

),

final as (

    select
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
        value,
        qualifier,
        metric_raw,
        raw_text,
        published_on,
        source_file,
        evidence,
        reconciled_metric_id,
        metric_fact_id
    from figure_statements

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
