with

statements as (

    select * from {{ ref('int_metric_statements_resolved') }}

),

final as (

    select
        metric_fact_id,
        article_id,
        park_id,
        company_id,
        subject_type,
        subject_name,
        metric_id,
        metric_raw,
        value,
        unit,
        qualifier,
        is_growth,
        period_label,
        period_start,
        period_end,
        raw_text,
        evidence,
        char_start,
        char_end,
        metric_code,
        page_id

    from statements

)

select * from final
