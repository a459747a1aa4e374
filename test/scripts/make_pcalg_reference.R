# pcalg's answers for the graph tests (Kalisch et al., pcalg 2.7-12, run outside the project):
#   - gac(): the generalized adjustment criterion of Perkovic et al. for every adjustment check of
#     test/data/graph_reference.tsv and pag_reference.tsv on DAGs, CPDAGs and PAGs;
#   - optAdjSet(): Henckel et al.'s optimal set for the optimal-set rows of graph_reference.tsv;
#   - ida(method = "local"): the multiset of possible effects for the 12 CPDAGs of
#     test/data/ida_reference.csv on the covariance of ida_data.csv.
# Writes test/data/pcalg_reference.tsv (id, kind, graph, query, x, y, z, expected) with query
# gac ('t'/'f'), optimal (the set, sorted, joined by ','; '-' when empty) and ida (the effects,
# sorted, as %.10f, joined by '|').
#
# pcalg is not in Debian: build it from its CRAN sources (github.com/cran/pcalg, tag 2.7-12) into
# a private library, with its dependencies from Debian:
#   apt-get install r-base-dev r-cran-abind r-bioc-graph r-bioc-rbgl r-cran-igraph r-cran-ggm \
#     r-cran-corpcor r-cran-robustbase r-cran-vcd r-cran-rcpp r-cran-bdsmatrix r-cran-sfsmisc \
#     r-cran-fastica r-cran-clue r-cran-rcpparmadillo r-cran-bh
#   R CMD INSTALL -l /tmp/Rlib /path/to/pcalg
#   R_LIBS=/tmp/Rlib Rscript test/scripts/make_pcalg_reference.R
suppressMessages(library(pcalg))
suppressMessages(library(graph))

args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
data_dir <- file.path(here, "..", "data")

# "a --> b; c o-o d; e" -> nodes in order of appearance and edges (a, mark, b)
parse_graph <- function(text) {
  items <- trimws(strsplit(text, ";", fixed = TRUE)[[1]])
  items <- items[items != ""]
  nodes <- character(0)
  edges <- list()
  for (it in items) {
    parts <- strsplit(it, "[[:space:]]+")[[1]]
    if (length(parts) == 1) {
      nodes <- union(nodes, parts)
    } else {
      nodes <- union(nodes, c(parts[1], parts[3]))
      edges[[length(edges) + 1]] <- parts
    }
  }
  list(nodes = nodes, edges = edges)
}

# pcalg's adjacency matrices: amat.cpdag (m[a, b] = 0, m[b, a] = 1 for a --> b; both 1 for
# a --- b) or amat.pag (m[a, b] = the mark at b: 1 circle, 2 arrowhead, 3 tail)
to_amat <- function(g, type) {
  n <- length(g$nodes)
  m <- matrix(0, n, n, dimnames = list(g$nodes, g$nodes))
  mark <- c("o" = 1, ">" = 2, "<" = 2, "-" = 3)
  for (e in g$edges) {
    a <- e[1]; k <- e[2]; b <- e[3]
    if (type == "pag") {
      m[a, b] <- mark[[substr(k, 3, 3)]]
      m[b, a] <- mark[[substr(k, 1, 1)]]
    } else if (k == "-->") {
      m[b, a] <- 1
    } else if (k == "---") {
      m[a, b] <- 1
      m[b, a] <- 1
    } else {
      stop("unexpected edge ", k, " in a ", type)
    }
  }
  m
}

names_of <- function(s) if (s == "-") character(0) else strsplit(s, ",", fixed = TRUE)[[1]]
set_text <- function(v) if (length(v) == 0) "-" else paste(sort(v, method = "radix"), collapse = ",")

ref <- rbind(read.delim(file.path(data_dir, "graph_reference.tsv"), colClasses = "character"),
             read.delim(file.path(data_dir, "pag_reference.tsv"), colClasses = "character"))
out <- list()
put <- function(r, query, expected) {
  out[[length(out) + 1]] <<- data.frame(id = r$id, kind = r$kind, graph = r$graph, query = query,
                                        x = r$x, y = r$y, z = r$z, expected = expected)
}
# whether a PAG (amat.pag) is closed under FCI's rule R1: no p *-> v o-* w, p and w not adjacent.
# pcalg (and the theory) assume a valid PAG: a few textbook graphs of pag_reference.tsv are not
# (they test how a graph is read), and are left out here.
r1_closed <- function(m) {
  n <- nrow(m)
  for (v in seq_len(n)) for (w in seq_len(n)) {
    if (m[w, v] != 1) next                     # the mark at v on v - w is a circle
    for (p in seq_len(n))
      if (p != w && m[p, v] == 2 && m[p, w] == 0) return(FALSE)
  }
  TRUE
}
for (i in seq_len(nrow(ref))) {
  r <- ref[i, ]
  if (!(r$kind %in% c("dag", "cpdag", "pag")) || !(r$query %in% c("adjust", "optimal"))) next
  g <- parse_graph(r$graph)
  m <- to_amat(g, r$kind)
  if (r$kind == "pag" && !r1_closed(m)) next
  pos <- function(s) match(names_of(s), g$nodes)
  if (r$query == "adjust") {
    # a hand-written "cpdag" that is no CPDAG (no DAG's class) is a PDAG for pcalg
    type <- if (r$kind == "cpdag" && !isValidGraph(m, type = "cpdag", verbose = FALSE)) "pdag" else r$kind
    res <- gac(m, pos(r$x), pos(r$y), pos(r$z), type = type)
    put(r, "gac", if (isTRUE(res$gac)) "t" else "f")
  } else if (r$expected != "NONE") {
    # optAdjSet reads amat.cpdag (a DAG is a CPDAG without undirected edges)
    o <- optAdjSet(m, pos(r$x), pos(r$y))
    put(r, "optimal", set_text(g$nodes[o]))
  }
}

ida_ref <- read.csv(file.path(data_dir, "ida_reference.csv"), colClasses = "character")
ida_data <- read.csv(file.path(data_dir, "ida_data.csv"))
vars <- paste0("v", 1:8)
for (i in seq_len(nrow(ida_ref))) {
  r <- ida_ref[i, ]
  d <- ida_data[ida_data$id == r$id, vars]
  g <- parse_graph(r$cpdag)
  m <- to_amat(g, "cpdag")[vars, vars]
  # ida reads a graphNEL (wgtMatrix gives back the amat.cpdag coding): edges parent -> child
  graph_est <- as(t(m), "graphNEL")
  eff <- ida(match(r$x, vars), match(r$y, vars), cov(d), graph_est, method = "local", type = "cpdag")
  out[[length(out) + 1]] <- data.frame(id = r$id, kind = "cpdag", graph = r$cpdag, query = "ida",
                                       x = r$x, y = r$y, z = "-",
                                       expected = paste(sprintf("%.10f", sort(eff)), collapse = "|"))
}
res <- do.call(rbind, out)
write.table(res, file.path(data_dir, "pcalg_reference.tsv"), sep = "\t", quote = FALSE, row.names = FALSE)
cat(sprintf("%d rows: %s\n", nrow(res), paste(names(table(res$query)), table(res$query), collapse = ", ")))
