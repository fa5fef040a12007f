with

source as (

    select * from {{ source('raw', 'metric_statements') }}

),

renamed as (

    select
        -- ids
        cast(page_id as varchar) as page_id,
        cast(article_id as varchar) as article_id,

        -- span
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end,
        cast(raw_text as varchar) as raw_text,

        -- quantity
        value,  -- double already; a cast would need an alias that is a keyword
        cast(unit as varchar) as unit,
        cast(qualifier as varchar) as qualifier,
        cast(is_growth as boolean) as is_growth,

        -- metric
        cast(metric_raw as varchar) as metric_raw,
        cast(metric_code as varchar) as metric_code,

        -- subject
        cast(subject_type as varchar) as subject_type,
        cast(subject_name as varchar) as subject_name,
        cast(park_name as varchar) as park_name,
        cast(company_name as varchar) as company_name,

        -- period
        cast(period_label as varchar) as period_label,
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,

        -- text
        cast(evidence as varchar) as evidence

    from source

)

select * from renamed
