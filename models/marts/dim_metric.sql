with

metrics as (

    select * from {{ ref('int_metrics') }}

),

final as (

    select
        metric_id,
        metric_code,
        metric_name_zh,
        category,
        unit_kind,
        priority,
        keywords

    from metrics

)

select * from final
