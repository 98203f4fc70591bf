extension HTMLReport {
    /// The page's style: system fonts only, readable on a laptop screen, and a print layout (no controls, the
    /// table's header repeated on every page, no row cut in two).
    static let style = """
        :root{--ink:#1d2433;--muted:#5b6576;--line:#d9dee7;--bg:#f6f7f9;--error:#c0262d;--error-bg:#fdecec;--warning:#b45d00;--warning-bg:#fff4e0;--ok:#1d7a46}
        *{box-sizing:border-box}
        body{margin:0;padding:24px 32px 48px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff;max-width:1400px}
        h1{font-size:22px;margin:0 0 4px}h1 .what{color:var(--muted);font-weight:500}
        h2{font-size:17px;margin:28px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
        h3{font-size:13px;margin:0;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
        section.file{display:grid;grid-template-columns:minmax(14em,2fr) minmax(12em,1.4fr) 3fr;gap:2px 16px;align-items:baseline;padding:6px 0;border-bottom:1px solid var(--line)}
        section.file .meta,section.file p,section.file ul{margin:0}
        .meta{color:var(--muted);margin:2px 0}
        .status{display:inline-block;margin:8px 0 0;padding:4px 10px;border-radius:4px;font-weight:600;background:var(--bg)}
        .status.s0{color:var(--ok);background:#e7f5ec}.status.s1,.status.s4{color:var(--error);background:var(--error-bg)}.status.s3{color:var(--warning);background:var(--warning-bg)}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;margin:16px 0 0}
        .card{border:1px solid var(--line);border-radius:6px;padding:8px 12px;background:var(--bg)}
        .card dt{color:var(--muted);font-size:12px}.card dd{margin:0;font-size:22px;font-weight:600;font-variant-numeric:tabular-nums}
        .card.bad dd{color:var(--error)}.card.warn dd{color:var(--warning)}.card.ok dd{color:var(--ok)}
        svg{max-width:100%;height:auto;display:block}
        svg .label{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;fill:var(--ink)}svg .count{font-size:12px;fill:var(--muted)}
        svg a:hover .label{text-decoration:underline}
        .bar-error{fill:var(--error);background:var(--error)}.bar-warning{fill:var(--warning);background:var(--warning)}
        .legend{color:var(--muted);font-size:12px}.key{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px;border-radius:2px}
        ul.codes{list-style:none;padding:0;margin:4px 0 8px;display:flex;flex-wrap:wrap;gap:4px 14px}
        ul.codes a{text-decoration:none}ul.codes a:hover{text-decoration:underline}
        ul.codes li.error code{color:var(--error)}ul.codes li.warning code{color:var(--warning)}
        .none{color:var(--ok)}
        .capped{padding:8px 12px;border-left:4px solid var(--warning);background:var(--warning-bg)}
        .controls{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;margin:8px 0;position:sticky;top:0;background:#fff;padding:6px 0;z-index:1}
        .controls span{color:var(--muted);font-size:12px}
        select,input{font:inherit;padding:3px 6px;border:1px solid var(--line);border-radius:4px}input{width:18em}
        output{color:var(--muted)}
        table{border-collapse:collapse;width:100%;font-size:13px}
        th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
        th{background:var(--bg);font-weight:600;position:sticky;top:42px}
        table.small{width:auto}
        #rows{table-layout:fixed}#rows td{overflow-wrap:anywhere}
        #rows col.file{width:14%}#rows col.n{width:4.5em}#rows col.order{width:7%}#rows col.column{width:9%}#rows col.value{width:12%}#rows col.code{width:17em}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        td.path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
        td.value{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;white-space:pre-wrap}
        tr.error td:first-child{box-shadow:inset 3px 0 var(--error)}tr.warning td:first-child{box-shadow:inset 3px 0 var(--warning)}
        tr.error code{color:var(--error)}tr.warning code{color:var(--warning)}
        .sev{font-size:11px;color:var(--muted)}
        .original{color:var(--muted);font-size:12px;margin-top:2px}
        dl.explained dt{margin-top:8px}dl.explained dd{margin:2px 0 0 16px}dl.explained em{color:var(--muted);font-style:normal}
        @page{size:A4 landscape;margin:12mm}
        @media print{
          body{padding:0;font-size:11px;max-width:none}
          table{font-size:10px}td.path,td.value{font-size:9.5px}th,td{padding:3px 5px}
          #rows col.file{width:13%}#rows col.n{width:4%}#rows col.order{width:6%}#rows col.column{width:8%}#rows col.value{width:12%}#rows col.code{width:13%}
          .controls{display:none}
          th{position:static}thead{display:table-header-group}tr{break-inside:avoid}
          h2{break-after:avoid}section.file{break-inside:avoid;grid-template-columns:2fr 1.4fr 3fr}
          a{color:inherit;text-decoration:none}
          .card,.status,th,.capped{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        }
        """

    /// The filters: by code (the select, a bar of the chart, a code of a file) and by text (any cell, any case).
    /// Without script every row shows, as in print.
    static let script = """
        (function(){
        var select=document.getElementById('code'),search=document.getElementById('search'),shown=document.getElementById('shown');
        if(!select)return;
        var rows=Array.prototype.slice.call(document.querySelectorAll('#rows tbody tr'));
        var texts=rows.map(function(r){return r.textContent.toLowerCase();});
        var file='';
        function apply(){
          var code=select.value,needle=search.value.trim().toLowerCase(),count=0;
          for(var i=0;i<rows.length;i++){
            var r=rows[i],keep=(!code||r.getAttribute('data-code')===code)&&(!file||r.getAttribute('data-file')===file)&&(!needle||texts[i].indexOf(needle)>=0);
            r.hidden=!keep;if(keep)count++;
          }
          shown.textContent=shown.getAttribute('data-template').replace('{shown}',count.toLocaleString()).replace('{total}',rows.length.toLocaleString())+(file?' · '+file:'');
        }
        select.addEventListener('change',function(){file='';apply();});
        search.addEventListener('input',apply);
        Array.prototype.forEach.call(document.querySelectorAll('[data-filter]'),function(link){
          link.addEventListener('click',function(event){
            event.preventDefault();select.value=link.getAttribute('data-filter');file=link.getAttribute('data-file')||'';apply();
            document.getElementById('issues').scrollIntoView();
          });
        });
        })();
        """
}
